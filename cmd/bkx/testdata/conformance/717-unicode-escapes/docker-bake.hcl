target "default" {
  args = {
    A = "\u00e9\U0001F600"
    B = "tab\there"
    C = "q\"uote\\back"
    D = "日本語"
  }
  labels = { "ключ" = "значение" }
}
