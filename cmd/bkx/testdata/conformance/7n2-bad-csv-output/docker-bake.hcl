target "default" {
  output = ["type=local,dest=\"unterminated"]
}
