target "app" { labels = { a = ["x"] } }
