target "web" {
  tags = ["acme/web:bake"]
}
