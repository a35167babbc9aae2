function "f" {
  params = [x]
  result = "b-${x}"
}
