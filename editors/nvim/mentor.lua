-- Neovim support for the mentor policy language (.mentor files): filetype detection, `#`
-- comments, two-space indentation, basic colours, and the language server `mentor lsp`.
--
-- Install: copy this file to ~/.config/nvim/lua/mentor.lua and put
--     require("mentor").setup()
-- in ~/.config/nvim/init.lua (in init.vim: `lua require("mentor").setup()`).
-- Options: require("mentor").setup({ server_path = "/full/path/to/mentor" }).
--
-- Works on Neovim 0.7 and later: it uses vim.lsp.start where it exists (0.8+) and
-- vim.lsp.start_client with vim.lsp.buf_attach_client on 0.7.

local M = {}

local defaults = {
  -- The mentor program; a name found on PATH or a full path. `~` is expanded.
  server_path = "mentor",
  -- Set to false for filetype, comments and colours only, without the language server.
  lsp = true,
}

M.options = vim.deepcopy(defaults)

-- Client ids by root folder, for Neovim 0.7 (vim.lsp.start reuses clients by itself).
local legacy_clients = {}
local warned_missing = false

local function server_cmd(options)
  return { vim.fn.expand(options.server_path), "lsp" }
end

--- The nearest folder, from the file's own folder upwards, that contains `.git`; else the
--- file's folder (the current folder for a buffer without a file).
function M.root_dir(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr or 0)
  if name == "" then
    return vim.loop.cwd()
  end
  local start = vim.fn.fnamemodify(name, ":p:h")
  local dir = start
  while true do
    if vim.loop.fs_stat(dir .. "/.git") then
      return dir
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then
      return start
    end
    dir = parent
  end
end

local function client_config(bufnr, options)
  local root = M.root_dir(bufnr)
  return {
    name = "mentor",
    cmd = server_cmd(options),
    root_dir = root,
    workspace_folders = {
      { uri = vim.uri_from_fname(root), name = vim.fn.fnamemodify(root, ":t") },
    },
  }
end

local function program_found(cmd)
  if vim.fn.executable(cmd[1]) == 1 then
    return true
  end
  if not warned_missing then
    warned_missing = true
    vim.notify(
      ("mentor: cannot find the program %q, so .mentor files are not checked. "
        .. "Install mentor, or call require(\"mentor\").setup({ server_path = \"/path/to/mentor\" })."):format(cmd[1]),
      vim.log.levels.WARN
    )
  end
  return false
end

--- Starts (or reuses) the client for the buffer's root folder with the Neovim 0.7 API and
--- attaches the buffer. Returns the client id, or nil if the server could not be started.
function M.attach_legacy(bufnr, options)
  options = options or M.options
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local config = client_config(bufnr, options)
  local id = legacy_clients[config.root_dir]
  local client = id and vim.lsp.get_client_by_id(id)
  if client == nil or client.is_stopped() then
    id = vim.lsp.start_client(config)
    legacy_clients[config.root_dir] = id
  end
  if id == nil then
    return nil
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

--- Starts (or reuses) the language server for the buffer and attaches it.
function M.attach(bufnr, options)
  options = options or M.options
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if not program_found(server_cmd(options)) then
    return nil
  end
  if vim.lsp.start then
    -- On 0.8 vim.lsp.start attaches the current buffer; later versions also read opts.bufnr.
    return vim.api.nvim_buf_call(bufnr, function()
      return vim.lsp.start(client_config(bufnr, options), { bufnr = bufnr })
    end)
  end
  return M.attach_legacy(bufnr, options)
end

local KEYWORDS = {
  "after", "all", "any", "at", "attempt", "attempts", "becoming", "between", "by", "closed",
  "day", "days", "each", "earlier", "eligible", "end", "ends", "every", "fall", "first", "from",
  "have", "if", "in", "is", "last", "later", "least", "listing", "missed", "month", "most", "of",
  "only", "outcome", "outside", "plus", "reach", "recorded", "share", "similar", "since",
  "source", "start", "starts", "step", "success", "then", "through", "time", "to", "until",
  "when", "where", "with", "within", "working",
}
local ITEMS = {
  "programme", "calendar", "type", "role", "event", "similarity", "eligibility", "rule",
  "ladder", "termination", "disclosure", "phase",
}

-- Basic colours (when syntax highlighting is on); the VS Code grammar
-- (editors/vscode/syntaxes) is the complete one.
local function define_syntax()
  if vim.b.current_syntax then
    return
  end
  vim.cmd("syntax keyword mentorKeyword " .. table.concat(KEYWORDS, " "))
  vim.cmd("syntax keyword mentorModal must should")
  vim.cmd("syntax keyword mentorOperatorWord and or not")
  vim.cmd("syntax keyword mentorBoolean true false")
  vim.cmd([[syntax match mentorItem "\v^(]] .. table.concat(ITEMS, "|") .. [[)>"]])
  vim.cmd([[syntax match mentorNumber "\v<\d+>"]])
  vim.cmd([[syntax match mentorDate "\v<\d{4}-\d{1,2}-\d{1,2}(T\d{2}:\d{2}(:\d{2})?)?>"]])
  vim.cmd([[syntax match mentorOperator "\v[<>=!]\=|[<>|~=]"]])
  vim.cmd([[syntax region mentorString start=/"/ skip=/\\./ end=/"\|$/ oneline]])
  vim.cmd([[syntax match mentorComment "#.*$"]])
  vim.cmd("highlight default link mentorKeyword Keyword")
  vim.cmd("highlight default link mentorItem Statement")
  vim.cmd("highlight default link mentorModal Conditional")
  vim.cmd("highlight default link mentorOperatorWord Operator")
  vim.cmd("highlight default link mentorOperator Operator")
  vim.cmd("highlight default link mentorBoolean Boolean")
  vim.cmd("highlight default link mentorNumber Number")
  vim.cmd("highlight default link mentorDate Constant")
  vim.cmd("highlight default link mentorString String")
  vim.cmd("highlight default link mentorComment Comment")
  vim.b.current_syntax = "mentor"
end

local function on_filetype(args)
  local bufnr = args.buf
  vim.bo[bufnr].commentstring = "# %s"
  vim.bo[bufnr].comments = ":#"
  vim.bo[bufnr].expandtab = true
  vim.bo[bufnr].shiftwidth = 2
  vim.bo[bufnr].softtabstop = 2
  if M.options.lsp then
    M.attach(bufnr)
  end
end

function M.setup(options)
  M.options = vim.tbl_extend("force", vim.deepcopy(defaults), options or {})
  local group = vim.api.nvim_create_augroup("mentor", { clear = true })

  -- Filetype detection: vim.filetype.add drives detection from 0.8 on (on 0.7 only with
  -- g:do_filetype_lua), so 0.7 also gets an autocommand.
  if vim.filetype and vim.filetype.add then
    vim.filetype.add({ extension = { mentor = "mentor" } })
  end
  if vim.fn.has("nvim-0.8") == 0 then
    vim.api.nvim_create_autocmd({ "BufRead", "BufNewFile" }, {
      group = group,
      pattern = "*.mentor",
      command = "setfiletype mentor",
    })
  end

  vim.api.nvim_create_autocmd("Syntax", {
    group = group,
    pattern = "mentor",
    callback = function(args)
      -- Scheduled: the runtime's own Syntax handler (which clears the buffer's syntax and
      -- looks for syntax/mentor.vim) may run after this one.
      vim.schedule(function()
        if vim.api.nvim_buf_is_valid(args.buf) and vim.bo[args.buf].syntax == "mentor" then
          vim.api.nvim_buf_call(args.buf, define_syntax)
        end
      end)
    end,
  })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = "mentor",
    callback = on_filetype,
  })
  return M
end

return M
