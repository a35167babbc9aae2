target "default" {
  dockerfile-inline = "FROM scratch\n"
}
target "other" {
  call = "outline"
}
