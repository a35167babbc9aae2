target "app" { contexts = { a = "docker-image://x:$${T}" } }
