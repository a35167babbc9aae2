function "f" {
  params = [x]
  result = "a-${x}"
}
target "default" { tags = [f("1")] }
