/**
 * Where the MCP surface lives. A module of its own so the OAuth authorization
 * server (worker/oauth/) can name the resource it issues tokens for without
 * importing the MCP transport, and the MCP auth can use the OAuth server
 * without an import cycle.
 */

/** The MCP endpoint, which is the protected resource the metadata describes. */
export const MCP_PATH = '/mcp';
/** Where RFC 9728 metadata is served; also the `resource_metadata` of every 401 challenge. */
export const RESOURCE_METADATA_PATH = '/.well-known/oauth-protected-resource';

/** The canonical resource identifier of /mcp on `origin`: the audience of its OAuth tokens. */
export const mcpResource = (origin: string): string => `${origin}${MCP_PATH}`;
