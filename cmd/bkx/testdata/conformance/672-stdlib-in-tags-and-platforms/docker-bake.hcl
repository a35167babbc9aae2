variable "VERSION" { default = "1.2.3" }
target "default" {
  tags = [for p in range(length(split(".", VERSION))) : "app:${join(".", slice(split(".", VERSION), 0, p + 1))}"]
  platforms = sort(distinct(["linux/arm64", "linux/amd64", "linux/arm64"]))
  labels = zipmap(["org.version", "org.major"], [VERSION, split(".", VERSION)[0]])
}
