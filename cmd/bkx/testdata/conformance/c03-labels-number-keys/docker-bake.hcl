target "app" { labels = { 1 = "a", "2" = 3 } }
