variable "V0" {
  type = set(string)
  default = split("-", "a,b")
}

variable "TAG" {
  type = list(string)
  default = []
}

variable "V2" {
  type = set(string)
  default = formatlist("%s-x", V0)
}

function "fn0" {
  params = [p0]
  result = p0 == "" ? "e" : p0
}

function "fn1" {
  params = [p0]
  result = join("-", [p0])
}

target "api" {
  contexts = {  }
  annotations = ["manifest:x=y"]
  dockerfile-inline = "FROM alpine\nRUN echo $${X}\n"
  shm-size = "2gb"
}

target "t_2" {
  name = "t_2-${replace(v, ".", "_")}"
  matrix = { v = ["1.0", "2.0"] }
  output = ["type=image,name=x/y"]
  shm-size = ""
}

target "tool" {
  args = { K2 = k2 }
  name = "tool-${item}-${k2}"
  matrix = { item = split(",", "p,q"), k2 = ["p", "q"] }
  context = "./sub"
  dockerfile-inline = "FROM alpine\nRUN echo $${X}\n"
}

target "web" {
  name = "web-${replace(plat, ".", "_")}"
  matrix = { plat = split(",", "p,q") }
  args = {  }
  inherits = ["tool"]
  tags = ["img:${plat}"]
}

group "default" {
  targets = ["api", "web", "t_2"]
}
