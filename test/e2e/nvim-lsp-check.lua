-- Headless Neovim (>= 0.7) as a real LSP client: start a stdio language server, open a file, wait
-- for its diagnostics, then ask for code actions and hover on the first diagnostic; print one JSON
-- object on stdout and exit (0 = diagnostics arrived and both requests answered, 1 otherwise).
-- Asserting on the content is left to the caller (test/e2e/nvim.test.mjs).
--
--   LSP_CMD='["node","/abs/dist/server.js","--stdio"]' FILE=/path/Dockerfile \
--     nvim --headless -n -i NONE -u NONE -c 'luafile test/e2e/nvim-lsp-check.lua'
-- Env: LSP_CMD (JSON array, or a space-separated string), FILE (required), FILETYPE (default
--      "dockerfile", sent as languageId), TIMEOUT_MS (default 15000), RULE (diagnostic code to
--      wait for and to ask code actions / hover on; default: the first diagnostic).
vim.o.swapfile = false
vim.o.shadafile = 'NONE'

local function out(s) io.stdout:write(s .. '\n') end
local encode = (vim.json and vim.json.encode) or vim.fn.json_encode
local function finish(report)
  out(encode(report))
  vim.cmd(report.ok and 'qall!' or 'cquit 1')
end

local file = os.getenv('FILE')
if not file or file == '' then return finish({ ok = false, error = 'set FILE=/path/to/Dockerfile' }) end
file = vim.fn.fnamemodify(file, ':p')
local raw = os.getenv('LSP_CMD') or ''
-- JSON array form keeps paths with spaces intact
local cmd = raw:sub(1, 1) == '[' and vim.fn.json_decode(raw) or vim.split(raw, ' ', { trimempty = true })
local timeout = tonumber(os.getenv('TIMEOUT_MS') or '15000')
local t0 = vim.loop.hrtime()
local function ms() return math.floor((vim.loop.hrtime() - t0) / 1e6) end

local v = vim.version()
local report = { server = cmd, file = file, nvim = v.major .. '.' .. v.minor .. '.' .. v.patch }
local rule = os.getenv('RULE')
local diagnostics -- latest non-empty publishDiagnostics for our file (a server may publish [] first)
local target -- the diagnostic we ask code actions and hover about
local uri = vim.uri_from_fname(file)

local client_id = vim.lsp.start_client({
  name = 'check',
  cmd = cmd,
  root_dir = vim.fn.fnamemodify(file, ':h'),
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      if result and result.uri == uri and #result.diagnostics > 0 then
        diagnostics = result.diagnostics
        for _, d in ipairs(diagnostics) do
          if rule == nil or rule == '' or d.code == rule then target = target or d end
        end
        report.diagnostics_ms = report.diagnostics_ms or ms()
      end
      return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
    end,
  },
  on_exit = function(code, signal) report.server_exit = { code = code, signal = signal } end,
})
if not client_id then return finish({ ok = false, error = 'start_client failed for ' .. raw }) end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
vim.bo[buf].filetype = os.getenv('FILETYPE') or 'dockerfile'
vim.lsp.buf_attach_client(buf, client_id) -- sends didOpen

if not vim.wait(timeout, function() return target ~= nil end, 50) then
  report.ok = false; report.diagnostics = diagnostics
  report.error = 'no diagnostic ' .. (rule or '') .. ' within ' .. timeout .. ' ms'
  vim.lsp.stop_client(client_id, true); return finish(report)
end
report.diagnostics = diagnostics

local client = vim.lsp.get_client_by_id(client_id)
local caps = client.server_capabilities or {} -- 0.7+: raw LSP ServerCapabilities
report.capabilities = { codeAction = caps.codeActionProvider ~= nil, hover = caps.hoverProvider ~= nil }

local function request(method, params)
  local done, res, er = false, nil, nil
  client.request(method, params, function(err, result) er, res, done = err, result, true end, buf)
  if not vim.wait(timeout, function() return done end, 20) then return nil, 'timeout' end
  return res, er
end

-- Code actions on the target diagnostic's range, with it as context (as a client sends it).
local first = target
local actions, aerr = request('textDocument/codeAction', {
  textDocument = { uri = uri }, range = first.range, context = { diagnostics = { first } },
})
report.codeAction = { error = aerr, result = actions }
local hover, herr = request('textDocument/hover', { textDocument = { uri = uri }, position = first.range.start })
report.hover = { error = herr, result = hover }

report.ok = (aerr == nil and herr == nil)
report.total_ms = ms()
vim.lsp.stop_client(client_id, true)
finish(report)
