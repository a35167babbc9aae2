target "default" {
  ssh = ["github=notakey.txt"]
}
