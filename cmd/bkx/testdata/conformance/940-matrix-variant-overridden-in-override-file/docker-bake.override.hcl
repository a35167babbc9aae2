target "app-prod" {
  tags = ["registry/app:prod"]
  platforms = ["linux/amd64", "linux/arm64"]
}
