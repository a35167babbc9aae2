variable "TAG" {
  default = null
}

function "fn0" {
  params = [p0]
  result = p0 == "" ? "e" : p0
}

function "fn1" {
  params = [p0, p1]
  result = p0 == "" ? "e" : p0
}

target "web" {
  args = {  }
  shm-size = ""
}

target "tool" {
  dockerfile-inline = "FROM alpine\nRUN echo $${X}\n"
  secret = []
  attest = []
  no-cache-filter = ["build"]
  description = !false ? "a,b" : "v1"
}

target "test" {
  name = "test-${plat}"
  matrix = { plat = ["a", "b"] }
  description = length(["x-${TAG}", "a:b", "web-${TAG}"]) < 12 ? TAG : TAG
}

group "all" {
  targets = []
}

group "g2" {
  targets = ["all", "test"]
}
