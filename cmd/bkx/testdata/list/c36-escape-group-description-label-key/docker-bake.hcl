group "g" {
  description = "d $${X} %%{Y}"
  targets = ["app"]
}
target "app" { labels = { "k$${x}" = "v" } }
