target "a" {
  dockerfile-inline = "FROM a"
}
target "default" {
  inherits = ["a"]
  dockerfile = "Other"
}
