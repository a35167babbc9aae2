function "f" {
  params = []
}
target "default" {
  tags = [f()]
}
