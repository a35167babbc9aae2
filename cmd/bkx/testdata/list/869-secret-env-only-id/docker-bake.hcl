target "default" {
  secret = ["env=ONLY_ENV", "src=only.txt"]
}
