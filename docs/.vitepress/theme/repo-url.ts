import { useData } from 'vitepress';

/** `${themeConfig.repo}/blob|tree/${repoBranch}/${path}`: folders (ending in `/`) use `tree`. */
export function useRepoUrl(): (path: string, line?: number | string) => string {
  const { theme } = useData();
  return (path, line) => {
    const repo = String(theme.value.repo ?? '').replace(/\/$/, '');
    const branch = String(theme.value.repoBranch ?? 'main');
    const clean = path.replace(/^\.?\//, '');
    const kind = clean.endsWith('/') || clean === '' ? 'tree' : 'blob';
    return `${repo}/${kind}/${branch}/${clean}${line ? `#L${line}` : ''}`;
  };
}
