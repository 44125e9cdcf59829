/**
 * The controller's own answers, as ingress-nginx gives them: nginx's built-in error pages. Since
 * ingress-nginx stopped shipping a separate default-http-backend (whose body was the plain text
 * `default backend - 404`), an unmatched request is answered by the controller's nginx itself with
 * its standard 404 page — what `curl` shows against kind's or minikube's ingress-nginx — so that is
 * the page used here. Reason phrases are nginx's (ngx_http_special_response.c):
 * 503 "Service Temporarily Unavailable", 504 "Gateway Time-out".
 */
import type { HttpResponse } from '../runtime/network.ts';

const REASONS: Record<number, string> = {
  500: 'Internal Server Error',
  404: 'Not Found',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

export function nginxErrorPage(status: 404 | 500 | 502 | 503 | 504, method = 'GET'): HttpResponse {
  const title = `${status} ${REASONS[status]}`;
  const body = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return { status, headers: { server: 'nginx', 'content-type': 'text/html' }, body: method === 'HEAD' ? '' : body };
}
