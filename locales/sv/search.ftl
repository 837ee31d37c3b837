# search
