variable "BASE" { default = "reg.io" }
function "img" {
  params = [n]
  result = "${BASE}/${n}"
}
variable "IMAGE" { default = img("app") }
target "default" {
  tags = [IMAGE]
}
