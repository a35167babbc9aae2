target "default" {
  secret = ["id=NOT_THERE"]
}
