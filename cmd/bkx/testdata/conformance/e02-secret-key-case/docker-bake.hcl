variable "V0" {
  type = number
  default = 10
}

variable "VERSION" {
  type = number
  default = 5
  validation {
    condition = VERSION >= 0
    error_message = "bad VERSION"
  }
}

variable "V2" {
  default = 5 * 8
  validation {
    condition = V2 >= 0
    error_message = "bad V2"
  }
}

variable "V3" {
  default = 19
  description = "d"
}

function "fn0" {
  params = [p0]
  result = p0 == "" ? "e" : p0
}

TOP = "api"

target "t_2" {

}

target "tool" {
  no-cache = true
  secret = ["ID=TOK,ENV=TOK"]
  tags = ["r.io/x/y:latest", "img"]
}

target "t-1" {

}

group "all" {
  targets = ["t_2"]
}
