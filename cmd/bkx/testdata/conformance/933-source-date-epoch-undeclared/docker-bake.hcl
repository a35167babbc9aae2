target "default" {
  args = { A = "1" }
}
target "other" {
  args = { SOURCE_DATE_EPOCH = "5" }
}
