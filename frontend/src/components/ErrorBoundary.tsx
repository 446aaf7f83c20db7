import { Component, type ComponentChildren } from 'preact';
import { ErrorState } from './States';

/**
 * Keeps one broken page (or a route chunk that failed to download after a deploy) from blanking the
 * whole app. Navigating elsewhere (a new resetKey) clears the error; the Router itself stays mounted.
 */
export class ErrorBoundary extends Component<
  { children: ComponentChildren; resetKey: string },
  { error: Error | null }
> {
  state = { error: null as Error | null };

  componentDidUpdate(prev: { resetKey: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  componentDidCatch(error: Error) {
    console.error(error);
    this.setState({ error });
  }

  render() {
    if (this.state.error) return <ErrorState error={this.state.error} onRetry={() => location.reload()} />;
    return this.props.children;
  }
}
