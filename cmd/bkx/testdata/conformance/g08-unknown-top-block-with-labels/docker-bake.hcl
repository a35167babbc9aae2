locals "a" "b" {
  x = 1
}
terraform {
  required = true
}
target "default" {
  tags = ["x"]
}
