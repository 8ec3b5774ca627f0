-- wrk script for bench/run.sh: each wrk thread gets its own session cookie, so with one connection per
-- thread (-t N -c N) each connection keeps its own session for the whole run.
--   WRK_COOKIES  file with one Cookie header value per line; thread i takes line ((i-1) mod lines)+1.
--                Unset or empty: requests carry no cookie (a new session per request where one is created).
--   WRK_METHOD   GET (default) or POST (sent without a body).
local cookies = {}
local next_thread = 0

local path = os.getenv("WRK_COOKIES")
if path and path ~= "" then
  for line in io.lines(path) do
    if line ~= "" then cookies[#cookies + 1] = line end
  end
end

function setup(thread)
  next_thread = next_thread + 1
  if #cookies > 0 then
    thread:set("cookie", cookies[((next_thread - 1) % #cookies) + 1])
  end
end

function init(args)
  wrk.method = os.getenv("WRK_METHOD") or "GET"
  if cookie then
    wrk.headers["Cookie"] = cookie
  end
  if wrk.method == "POST" then
    wrk.headers["Content-Length"] = "0"
  end
  req = wrk.format()
end

function request()
  return req
end
