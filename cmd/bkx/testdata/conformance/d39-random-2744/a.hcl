variable "N" {
  default = join(",", ["1.0", "prod", "api"])
}

variable "V1" {
  default = 9 + 7
}

function "fn0" {
  params = [p0, p1]
  result = join("-", [p0, p1])
}

target "api" {
  name = "api-${v}"
  matrix = { v = ["x"] }
  tags = ["img:${v}"]
}
