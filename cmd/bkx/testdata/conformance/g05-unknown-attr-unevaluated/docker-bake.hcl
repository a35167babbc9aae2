target "default" {
  tags = ["x"]
  secrets = nosuch_variable
  extra = upper(1, 2, 3)
}
