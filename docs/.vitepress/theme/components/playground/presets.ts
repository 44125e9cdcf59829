/** Manifests the playground offers to start from (issue 7, deliverable 4). Plain YAML, multi-document. */
export interface Preset {
  id: string;
  title: string;
  yaml: string;
}

export const presets: Preset[] = [
  {
    id: 'nginx',
    title: 'nginx Deployment',
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
spec:
  replicas: 3
  selector:
    matchLabels: { app: nginx }
  template:
    metadata:
      labels: { app: nginx }
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          ports:
            - containerPort: 80
`,
  },
  {
    id: 'service',
    title: 'Service + busybox wget',
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: { app: web }
  ports:
    - port: 80
      targetPort: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  restartPolicy: OnFailure
  containers:
    - name: wget
      image: busybox:1.36
      # Retries until the Service has ready endpoints, then prints nginx's page.
      command: ['sh', '-c', 'until wget -qO- -T 2 http://web; do sleep 1; done']
`,
  },
  {
    id: 'statefulset',
    title: 'StatefulSet web',
    yaml: `apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector: { app: web-sts }
  ports:
    - port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 2
  selector:
    matchLabels: { app: web-sts }
  template:
    metadata:
      labels: { app: web-sts }
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          ports:
            - containerPort: 80
`,
  },
  {
    id: 'job',
    title: 'Job',
    yaml: `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  completions: 2
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: pi
          image: busybox:1.36
          command: ['sh', '-c', 'echo 3.14159']
`,
  },
];
