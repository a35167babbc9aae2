variable "V0" {
  default = true
}

function "fn0" {
  params = [p0, p1]
  result = join("-", [p0, p1])
}

TOP = "prod"

target "api" {
  no-cache = false
  ulimits = ["nofile=1024:2048", "nproc=3"]
  contexts = { "alpine" = "target:test", ctx = "target:app" }
  tags = [TOP, "x", ""]
}

target "t-1" {

}

target "test" {

}

target "app" {
  network = ""
  platforms = []
}

target "tool" {
  name = "tool-${replace(v, ".", "_")}"
  matrix = { v = ["a", "b"] }
  secret = [{ id = "tok", "env" = "TOK" }, "id=a,env=A"]
  platforms = ["linux/amd64", "linux/amd64", "linux/arm/v7"]
  tags = ["img:${v}"]
}

group "default" {
  targets = ["tool"]
}

group "all" {
  targets = ["api"]
}
