target "a" {
  description = "A"
  target = "T"
  dockerfile = "D"
  context = "C"
  call = "check"
  network = "none"
  dockerfile-inline = "FROM x"
}
target "default" {
  inherits = ["a"]
  description = ""
  target = ""
  dockerfile = ""
  context = ""
  call = ""
  network = ""
  dockerfile-inline = ""
}
