target "base" {
  args = { B = "2" }
}
target "default" {
  tags = ["over"]
}
