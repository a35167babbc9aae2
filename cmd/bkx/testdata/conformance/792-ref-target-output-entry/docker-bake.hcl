target "src" {
  output = ["type=local,dest=out"]
}
target "default" {
  output = target.src.output
}
