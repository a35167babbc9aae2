target "default" {
  output = ["dest=out,compression=zstd"]
}
