variable "VERSION" {
  default = 15
  validation {
    condition = VERSION >= 0
    error_message = "bad VERSION"
  }
}

variable "V1" {
  default = {  }
}

variable "N" {
  default = slice(["base", "dev"], 0, 1)
}

variable "V3" {
  type = number
  default = parseint("ff", 16)
}

function "fn0" {
  params = [p0]
  result = p0 == "" ? "e" : p0
}

target "api" {
  secret = [{ id = "tok", "env" = "TOK" }]
  context = "./sub"
  target = "final"
  ulimits = ["nofile=1024:2048"]
  extra-hosts = { h1 = "10.0.0.1", h1 = "10.0.0.1" }
}

target "t-1" {
  name = "t-1-${plat}"
  matrix = { plat = split(",", "p,q") }
  cache-to = ["user/app:cache"]
  tags = flatten([["tool"]])
  attest = [{ "type" = "provenance", mode = "max" }, "type=provenance,mode=min"]
  secret = ["id=tok,env=TOK"]
}

target "tool" {
  target = "final"
  dockerfile = "Dockerfile.dev"
  args = {for x in ["UP", "prod", "tool"] : x => upper(x)}
  call = "build"
  shm-size = "128m"
  output = [{ "type" = "local", dest = "out" }, "type=registry"]
}

group "ci" {
  targets = ["api", "tool"]
}

group "all" {
  targets = ["tool"]
}
