target "default" {
  args = { F = formatdate("YYYY", "2024-13-01") }
}
