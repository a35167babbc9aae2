variable "LABELS" {
  type = map(string)
  default = { a = "1" }
}
target "default" { labels = LABELS }
