-- Neovim's built-in LSP client on `borrowck --lsp` (Debian's neovim 0.7 has
-- vim.lsp.start_client, not vim.lsp.start). Opens the file given on the command
-- line, waits for diagnostics, prints them as Neovim holds them and as its location
-- list shows them, applies the preferred quick fix, writes the file, waits for the
-- new diagnostics and prints them. Output goes to stdout; any failure exits 1.
local out = {}
local function say(s) table.insert(out, s) end
local function finish(code)
  io.stdout:write(table.concat(out, '\n') .. '\n')
  io.stdout:flush()
  vim.cmd(code == 0 and 'qall!' or 'cquit! ' .. code)
end
local function fail(why)
  say('FAIL: ' .. why)
  finish(1)
end

local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = 'borrowck',
  cmd = { os.getenv('BORROWCK'), '--lsp' },
  root_dir = vim.fn.getcwd(),
})
if not id then fail('the client did not start') end
vim.lsp.buf_attach_client(buf, id)
local client = vim.lsp.get_client_by_id(id)

local severities = { 'ERROR', 'WARN', 'INFO', 'HINT' }
local function show(label)
  local ds = vim.diagnostic.get(buf)
  table.sort(ds, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  say(label .. ': ' .. #ds .. ' diagnostics')
  for _, d in ipairs(ds) do
    say(string.format('%d:%d-%d:%d %s [%s] %s', d.lnum + 1, d.col + 1, d.end_lnum + 1, d.end_col + 1,
      severities[d.severity], d.code or '', d.source or ''))
    for line in vim.gsplit(d.message, '\n', true) do say('  | ' .. line) end
    local lsp = d.user_data and d.user_data.lsp or {}
    for _, r in ipairs(lsp.relatedInformation or {}) do
      say(string.format('  related %d:%d %s', r.location.range.start.line + 1,
        r.location.range.start.character + 1, r.message))
    end
  end
  return ds
end

local function wait_diagnostics(pred)
  return vim.wait(120000, function() return pred(vim.diagnostic.get(buf)) end, 50)
end

if not wait_diagnostics(function(ds) return #ds > 0 end) then fail('no diagnostics') end
local ds = show('published')

-- What the location list window displays (:lopen).
vim.diagnostic.setloclist({ open = true })
for _, line in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do say('loclist: ' .. line) end
vim.cmd('lclose')
vim.api.nvim_set_current_buf(buf)

-- The code actions at the first diagnostic; apply the preferred quick fix.
local d = ds[1]
vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
local params = vim.lsp.util.make_range_params()
params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf) }
local res = client.request_sync('textDocument/codeAction', params, 10000, buf)
if not res or res.err then fail('codeAction failed') end
local fix
for _, a in ipairs(res.result or {}) do
  say('action: ' .. a.title)
  if a.isPreferred and a.edit and not fix then fix = a end
end
if not fix then fail('no preferred quick fix') end
vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
vim.cmd('silent write')
say('applied: ' .. fix.title:sub(1, 40))

-- After the edit, the finding stays (the annotation now says what the body did) but
-- without the help line proposing the fix.
if not wait_diagnostics(function(now)
  for _, x in ipairs(now) do
    if x.message:find('inferred from its body', 1, true) then return false end
  end
  return #now > 0
end) then fail('no new diagnostics after the fix') end
show('after the fix')
vim.lsp.stop_client(id)
vim.wait(5000, function() return vim.lsp.client_is_stopped(id) end, 50)
finish(0)
