target "app" { shm-size = "2g" }
