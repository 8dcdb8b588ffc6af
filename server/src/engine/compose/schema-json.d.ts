// The Compose specification JSON schema, imported from the package that ships it (bundled by esbuild).
declare module '*/compose.schema.json' {
  const schema: Record<string, unknown>;
  export default schema;
}
