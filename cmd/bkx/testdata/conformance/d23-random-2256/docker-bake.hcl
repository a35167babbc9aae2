function "fn0" {
  params = [p0, p1]
  result = upper(p0)
}

function "fn1" {
  params = [p0]
  result = upper(p0)
}

target "api" {
  call = "build"
  cache-to = []
  no-cache-filter = ["build"]
}

target "t-1" {
  output = ["out", "type=registry"]
  shm-size = "1g"
}

target "web" {
  args = {for x in ["0", "UP", "base"] : x => upper(x)}
  annotations = []
}

target "test" {
  inherits = ["api", "t-1"]
  secret = [{ id = "tok", "env" = "TOK" }]
}

target "t_2" {
  name = "t_2-${v}"
  matrix = { v = ["a", "b"] }
  no-cache-filter = ["base"]
  annotations = ["manifest:x=y"]
  attest = ["type=sbom"]
  extra-hosts = {  }
  tags = ["img:${v}"]
}
