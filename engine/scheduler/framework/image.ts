/** Image names as the scheduler compares them (KK framework/types.go normalizedImageName). */

/** An image without a tag or digest means `:latest`. */
export function normalizedImageName(name: string): string {
  const lastSlash = name.lastIndexOf('/');
  if (name.includes('@') || name.slice(lastSlash + 1).includes(':')) return name;
  return `${name}:latest`;
}
