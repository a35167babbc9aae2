variable "M" { default = { a = "1", b = "2", c = "3" } }
target "default" {
  args = { for k, v in M : upper(k) => "${k}=${v}" if v != "2" }
  tags = [for k, v in M : "${k}:${v}"]
}
