target "app" {
  args = { U = "héllo \u00e9 \U0001F600 日本" }
  labels = { "ключ" = "значение" }
  tags = ["r/app:ü"]
}
