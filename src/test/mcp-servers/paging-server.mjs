// An MCP server that pages its tools/list (the reference servers send one page): TOOL_COUNT tools, PAGE_SIZE a page,
// each description ending in TOOL_NOTE, so a test sees that paging follows nextCursor and that env reaches the server.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";

const count = Number(process.env.TOOL_COUNT ?? 25);
const pageSize = Number(process.env.PAGE_SIZE ?? 10);
const tools = Array.from({ length: count }, (_, i) => ({
  name: `tool_${String(i).padStart(3, "0")}`,
  description: `Tool number ${i}${process.env.TOOL_NOTE ?? ""}`,
  inputSchema: { type: "object", properties: { n: { type: "integer", description: "a number", minimum: i } }, required: ["n"] },
}));

const server = new Server({ name: "qta-test/paging", version: "1.0.0" }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async (request) => {
  const start = Number(request.params?.cursor ?? 0);
  const end = start + pageSize;
  return { tools: tools.slice(start, end), ...(end < tools.length ? { nextCursor: String(end) } : {}) };
});
await server.connect(new StdioServerTransport());
