import { Injectable, inject } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { type RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { SessionStore } from '@pactwatch/web/data-access';

/** "Commitments · Caucasus desk": the page first, then the workspace. */
@Injectable()
export class WorkspaceTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly session = inject(SessionStore);

  override updateTitle(snapshot: RouterStateSnapshot): void {
    const page = this.buildTitle(snapshot);
    const workspace = this.session.workspaceName();
    this.title.setTitle(page ? `${page} · ${workspace}` : workspace);
  }
}
