function "fn0" {
  params = [p0, p1]
  result = join("-", [p0, p1])
}

function "fn1" {
  params = [p0, p1]
  result = p0 == "" ? "e" : p0
}

target "api" {
  secret = ["id=tok,env=TOK", "id=tok,env=TOK"]
}

target "tool" {
  tags = []
  cache-to = []
  no-cache-filter = ["build"]
  target = "x"
  cache-from = ["type=inline"]
  inherits = ["api"]
}

target "base" {
  labels = merge({  }, { z = "1" })
  network = ""
}

target "t_2" {
  name = "t_2-${replace(plat, ".", "_")}"
  matrix = { plat = ["a", "b"] }
  args = { A = "prod", 1 = 5, "k-v" = null }
  cache-from = ["type=local,src=cache", { type = "registry", ref = "r/c" }]
  description = fn0("dev", "api")
  output = [{ type = "image", "name" = "n", "push" = "true" }, "out"]
  tags = ["img:${plat}"]
}

target "test" {
  contexts = { base = "https://x.y/z.git", ctx = "https://x.y/z.git" }
}
