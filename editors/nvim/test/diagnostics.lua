-- Headless check that Neovim gets diagnostics from `mentor lsp` for a file, through
-- editors/nvim/mentor.lua and the Neovim 0.7 API (vim.lsp.start_client + buf_attach_client).
--
--   MENTOR_BIN=target/debug/mentor \
--     nvim --headless --clean -u NONE -c 'luafile editors/nvim/test/diagnostics.lua' FILE.mentor
--
-- Prints each diagnostic as `line:col: message` (1-based, one line each, sorted) on stdout and
-- exits 0; exits 1 (`:cq`) when no diagnostic arrived within 10 seconds, or on a setup error.
-- Progress and errors go to stderr.

local function log(message)
  io.stderr:write("diagnostics.lua: " .. message .. "\n")
end

local function fail(message)
  log(message)
  io.stdout:flush()
  io.stderr:flush()
  vim.cmd("cq")
end

local ok, err = pcall(function()
  local script = debug.getinfo(1, "S").source:gsub("^@", "")
  local nvim_dir = vim.fn.fnamemodify(script, ":p:h:h")
  local mentor = dofile(nvim_dir .. "/mentor.lua")

  local bin = os.getenv("MENTOR_BIN")
  if bin == nil or bin == "" then
    return fail("set MENTOR_BIN to the mentor program")
  end
  local path = (type(arg) == "table" and arg[1]) or vim.fn.argv(0)
  if path == nil or path == "" then
    return fail("give the .mentor file to check as an argument")
  end
  path = vim.fn.fnamemodify(path, ":p")
  if vim.fn.filereadable(path) == 0 then
    return fail("cannot read " .. path)
  end

  vim.cmd("edit " .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  -- Sets the language id sent with didOpen; with -u NONE no FileType autocommand attaches.
  vim.bo[buf].filetype = "mentor"

  local client_id = mentor.attach_legacy(buf, { server_path = bin })
  if client_id == nil then
    return fail("could not start " .. bin .. " lsp")
  end

  local function server_gone()
    local client = vim.lsp.get_client_by_id(client_id)
    return client == nil or client.is_stopped()
  end

  vim.wait(10000, function()
    return #vim.diagnostic.get(buf) > 0 or server_gone()
  end, 50)
  -- A server that exits right after publishing: its diagnostics count all the same.
  local diagnostics = vim.diagnostic.get(buf)
  if #diagnostics == 0 then
    if server_gone() then
      return fail("the server exited without sending diagnostics")
    end
    return fail("no diagnostics within 10 seconds")
  end

  table.sort(diagnostics, function(a, b)
    if a.lnum ~= b.lnum then
      return a.lnum < b.lnum
    end
    return a.col < b.col
  end)
  for _, d in ipairs(diagnostics) do
    local message = d.message:gsub("%s*\n%s*", " ")
    io.write(("%d:%d: %s\n"):format(d.lnum + 1, d.col + 1, message))
  end
  io.stdout:flush()
  vim.cmd("qa!")
end)

if not ok then
  fail("error: " .. tostring(err))
end
