variable "V0" {
  default = split("-", "")
}

variable "V1" {
  default = ""
  description = "d"
}

function "fn0" {
  params = [p0, p1]
  result = p0 == "" ? "e" : p0
}

function "fn1" {
  params = [p0, p1]
  result = upper(p0)
}

target "app" {
  tags = formatlist("%s-x", V0)
  output = []
  no-cache = false
}

target "test" {
  context = "./sub"
  inherits = ["app"]
  call = "outline"
  contexts = {  }
}

group "default" {
  targets = ["app", "test"]
}
