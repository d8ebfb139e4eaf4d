-- wrk script of bench/soak.sh: rotates over the soak's paths and counts every answer's status.
--
--   wrk -t2 -c8 -d60s -s bench/soak.lua http://127.0.0.1:PORT -- AUTH_FILE PATH...
--
-- AUTH_FILE holds two lines: the Cookie header of a logged-in session (for the pages) and a read API token
-- (for paths under /api/, which take no session cookie). Each thread walks PATH... in turn, starting at its
-- own offset. The session cookie is renewed by the portal (quarkus.http.auth.form.new-cookie-interval) and a
-- kept old one runs out after the inactivity timeout, so, as a browser does, each thread takes the renewed
-- cookies from Set-Cookie; done() writes the newest back to AUTH_FILE for the next minute's wrk.
-- done() prints "statuses 200=N 302=M ..." (wrk's own "Non-2xx or 3xx" line counts 4xx and 5xx only).

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("offset", #threads - 1)
end

local function split_cookies(header)
  local jar, order = {}, {}
  for pair in string.gmatch(header, "[^;]+") do
    local name, value = string.match(pair, "^%s*([^=]+)=(.*)$")
    if name then
      if jar[name] == nil then table.insert(order, name) end
      jar[name] = value
    end
  end
  return jar, order
end

function init(args)
  auth_file = args[1]
  local f = assert(io.open(auth_file, "r"))
  local cookie_header = f:read("*l")
  token = f:read("*l")
  f:close()
  jar, order = split_cookies(cookie_header)
  paths = {}
  for i = 2, #args do table.insert(paths, args[i]) end
  next_path = offset % #paths
  statuses = {}
  renewed = 0
  cookie_now = nil
end

local function cookie_header()
  local parts = {}
  for _, name in ipairs(order) do table.insert(parts, name .. "=" .. jar[name]) end
  return table.concat(parts, "; ")
end

function request()
  next_path = next_path + 1
  if next_path > #paths then next_path = 1 end
  local path = paths[next_path]
  if string.sub(path, 1, 5) == "/api/" then
    return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
  end
  return wrk.format("GET", path, { ["Cookie"] = cookie_header() })
end

-- Only the session's cookies are renewed: the CSRF cookie matters to form posts only (the soak makes none),
-- and an /api answer, whose request carries no cookie, sets a fresh one every time.
local renewable = { ["portal-session"] = true, ["portal-login"] = true }

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  -- wrk keeps one value per header name, the last Set-Cookie of an answer; the portal's renewed session
  -- cookie comes last (measured), and it renews on every answer to an old cookie until the new one is used.
  local set = headers["Set-Cookie"] or headers["set-cookie"]
  if set then
    local name, value = string.match(set, "^([^=;]+)=([^;]*)")
    -- an empty value is the portal forgetting a cookie (logout, session ended): keep sending the old one,
    -- so the failure shows as a 302 instead of being hidden
    if name and renewable[name] and jar[name] ~= nil and value ~= "" and jar[name] ~= value then
      jar[name] = value
      renewed = renewed + 1
      cookie_now = cookie_header()
    end
  end
end

function done(summary, latency, requests)
  local total, parts, keys = {}, {}, {}
  local renewals = 0
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do total[status] = (total[status] or 0) + n end
    renewals = renewals + thread:get("renewed")
  end
  for status in pairs(total) do table.insert(keys, status) end
  table.sort(keys)
  for _, status in ipairs(keys) do table.insert(parts, status .. "=" .. total[status]) end
  io.write("statuses " .. table.concat(parts, " ") .. "\n")
  io.write("cookie_renewals " .. renewals .. "\n")
  -- the renewed session cookie, if a thread got one, for the next minute's run
  for _, thread in ipairs(threads) do
    local header = thread:get("cookie_now")
    if header then
      local f = assert(io.open(thread:get("auth_file"), "w"))
      f:write(header .. "\n" .. thread:get("token") .. "\n")
      f:close()
      break
    end
  end
end
