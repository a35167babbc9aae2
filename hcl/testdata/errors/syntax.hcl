target "app" {
  tags = ["a" "b"] # ERROR: Missing item separator
}
